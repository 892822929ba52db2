/** Injected at build time by the shared Rsbuild config (see @digiweb/shared-ui/build). */
declare const __REMOTE_NAME__: string;
declare const __REMOTE_VERSION__: string;
