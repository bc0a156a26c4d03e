export * from './petitions';
export * from './signatures';
export * from './mail';
export * from './accounts';
export * from './lifecycle';
export * from './updates';
export * from './abuse';
export * from './jobs';
