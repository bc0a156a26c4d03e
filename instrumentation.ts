export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startApp } = await import('./lib/boot/start');
    await startApp();
  }
}
