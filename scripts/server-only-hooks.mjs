// Module resolution hooks for the Node processes that run lib/ code outside Next (the test runner,
// the worker and benchmarks under tsx). lib/ modules that touch the database start with
// `import 'server-only'`, a guard that throws unless resolved under the `react-server` condition
// (as Next resolves server code). Turning that condition on for the whole process would also turn
// React into its Server Components build, which cannot render to HTML (the emails need to): so
// only this one package is resolved under it.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'react-server'] });
  return nextResolve(specifier, context);
}
