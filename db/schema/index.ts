export * from './petitions';
export * from './signatures';
export * from './mail';
