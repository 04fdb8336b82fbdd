import { Module } from '@medusajs/framework/utils';
import registerVendorsLoader from './loaders/register-vendors';
import GiftwireModuleService from './service';

export const GIFTWIRE_MODULE = 'giftwire';

export default Module(GIFTWIRE_MODULE, { service: GiftwireModuleService, loaders: [registerVendorsLoader] });
