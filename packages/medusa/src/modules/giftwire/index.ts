import { Module } from '@medusajs/framework/utils';
import GiftwireModuleService from './service';

export const GIFTWIRE_MODULE = 'giftwire';

export default Module(GIFTWIRE_MODULE, { service: GiftwireModuleService });
