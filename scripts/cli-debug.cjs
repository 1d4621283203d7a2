'use strict';
/**
 * `debug` as the CLI bundle sees it (scripts/bundle-cli.mjs maps `debug` here). In the CLI's
 * process, logging is on only if the DEBUG environment variable is set or something calls
 * `enable()`. With DEBUG set, this is the real package. Without it, loading the real package (and
 * with it `tty`, `supports-color` and the stderr stream it inspects for colours) is start-up time
 * spent for nothing, so loggers stand in for it and load it on the first `enable()`, from when on
 * every logger, made before or after, is the real one.
 */
if (process.env.DEBUG) {
  module.exports = require('debug');
} else {
  let real;
  const load = () => (real ??= require('debug'));

  const createDebug = (namespace) => {
    let instance;
    const target = () => (real === undefined ? undefined : (instance ??= real(namespace)));
    const log = (...args) => target()?.(...args);
    Object.defineProperty(log, 'enabled', {
      get: () => target()?.enabled ?? false,
      set: (value) => {
        load();
        target().enabled = value;
      },
    });
    log.namespace = namespace;
    log.extend = (name, delimiter = ':') => createDebug(`${namespace}${delimiter}${name}`);
    return log;
  };
  createDebug.enable = (namespaces) => load().enable(namespaces);
  createDebug.disable = () => (real === undefined ? '' : real.disable());
  createDebug.enabled = (name) => (real === undefined ? false : real.enabled(name));
  createDebug.default = createDebug;
  module.exports = createDebug;
}
