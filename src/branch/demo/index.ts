export { DemoGenerator, demoCustomers, GENERATOR_VERSION, type DemoCustomer, type DemoOptions } from './customers.js';
export { type DemoPurchase } from './purchases.js';
export { seedDemo, ensureDemoBranch, DEMO_MANAGER, type SeedOptions, type SeedProgress, type SeedResult } from './seed.js';
