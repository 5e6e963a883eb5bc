// Content-Security-Policy violations as test failures. The built index.html carries a
// CSP meta tag (scripts/postbuild.mjs); every page of a watched context reports each
// `securitypolicyviolation` event into `sink`, and e2e/run.mjs fails the test that
// produced one. Page scripts cannot hide from it: the listener is installed before any
// of them runs, in every document of the context (reloads included).
export async function watchCsp(context, sink) {
  await context.exposeBinding('__hoegoCspViolation', (source, v) => sink.push(`${source.page?.url() ?? '?'}: ${v}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const v = `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || '?'}:${e.lineNumber}`;
      (window.__hoegoCspSeen ||= []).push(v); // also readable by waitForFunction
      window.__hoegoCspViolation(v);
    });
  });
}
