/**
 * What makes a Bamboo client talk to this sandbox: structurally what `createBamboo` takes, declared here so
 * the sandbox never imports its client.
 */
export interface BambooClientSettings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  accountId: number;
  /** The callback secret, when the sandbox was started with one. */
  notificationSecret?: string;
}
