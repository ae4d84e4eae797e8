/**
 * Builds the add-in (dist/): taskpane.html, commands.html and the standalone web page web.html,
 * following the Yeoman Office React template. Every page Office opens (task pane, function file,
 * dialog) loads office.js from Microsoft's CDN, as Microsoft requires: the loader then fetches the
 * host's own script next to it. Tests route that URL to the npm copy. ExcelJS and docx are reached
 * only through import(), so they land in chunks of their own and never in a page's first load.
 *
 *   npm run build                    production dist/
 *   npm run dev-server / npm start   https://localhost:3000 with office-addin-dev-certs
 *   webpack --env e2e                also builds dist-test/ (the Excel test double for the browser e2e test)
 *   webpack --env http               dev server over plain http (no certificates)
 *
 * The add-in's address is set at build time: JIXIAO_URL=https://example.org/jixiao/ npm run build
 * rewrites https://localhost:3000/ in the copied manifest (dist/manifest.xml); the pages use relative URLs.
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const urlDev = 'https://localhost:3000/';
const urlProd = process.env.JIXIAO_URL || urlDev;

async function httpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  const o = await devCerts.getHttpsServerOptions();
  return { ca: o.ca, key: o.key, cert: o.cert };
}

const tsRule = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: {
    loader: 'ts-loader',
    options: { transpileOnly: true, compilerOptions: { module: 'esnext', sourceMap: true } },
  },
};

/**
 * ExcelJS's browser build is already minified (dist/exceljs.min.js); running terser over its
 * 1 MB again costs most of the build's time for nothing, so its chunk is marked minimized,
 * as the copied office.js files are.
 */
class SkipMinifiedVendors {
  apply(compiler) {
    const { Compilation } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('SkipMinifiedVendors', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'SkipMinifiedVendors', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE - 1 },
        (assets) => {
          for (const name of Object.keys(assets))
            if (/^vendor-exceljs\b.*\.js$/.test(name))
              compilation.updateAsset(
                name,
                (src) => src,
                (info) => ({ ...info, minimized: true })
              );
        }
      );
    });
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === 'development';
  const serve = !!env.WEBPACK_SERVE;
  const app = {
    name: 'app',
    // The e2e build skips source maps: nobody reads them there and they cost build time.
    devtool: dev ? 'eval-source-map' : env.e2e ? false : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      dialog: './src/commands/dialog.ts',
      web: './src/web/index.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].chunk.js' : '[name].[contenthash:8].chunk.js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    module: { rules: [tsRule] },
    performance: { hints: false },
    optimization: {
      // One terser pass: the second (webpack's default) saves ~1% and doubles the minify time.
      minimizeOptions: { javascript: { compress: { passes: 1 } } },
      splitChunks: {
        cacheGroups: {
          // React + Fluent, shared by the task pane and the web page, so they are minified once.
          ui: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler|@fluentui|@griffel|tabster|keyborg|@floating-ui|@swc|@ctrl|use-sync-external-store|rtl-css-js|stylis|embla-carousel[^\\/]*)[\\/]/,
            name: 'vendor-ui',
            chunks: 'initial',
            enforce: true,
          },
          exceljs: {
            test: /[\\/]node_modules[\\/]exceljs[\\/]/,
            name: 'vendor-exceljs',
            chunks: 'async',
            enforce: true,
          },
          docx: {
            test: /[\\/]node_modules[\\/]docx[\\/]/,
            name: 'vendor-docx',
            chunks: 'async',
            enforce: true,
          },
        },
      },
    },
    plugins: [
      new SkipMinifiedVendors(),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
      }),
      new HtmlWebpackPlugin({
        filename: 'dialog.html',
        template: './src/commands/dialog.html',
        chunks: ['dialog'],
      }),
      new HtmlWebpackPlugin({ filename: 'web.html', template: './src/web/web.html', chunks: ['web'] }),
      new HtmlWebpackPlugin({ filename: 'help.html', template: './src/help/help.html', chunks: [] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          // ES5 on purpose (IE11 / EdgeHTML hosts): copied as written, never bundled or minified.
          { from: 'src/guard/oldHost.js', to: 'old-host.js', info: { minimized: true } },
          {
            from: 'manifest*.xml',
            to: '[name][ext]',
            transform: (content) => (dev ? content : content.toString().split(urlDev).join(urlProd)),
          },
        ],
      }),
    ],
    devServer: {
      // 本机 only, as the README says: the pane is served to this machine's Excel, never to the network.
      host: 'localhost',
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: { directory: path.resolve(__dirname, 'dist') },
      server: serve && !env.http ? { type: 'https', options: await httpsOptions() } : 'http',
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
  if (!env.e2e) return app;

  // The in-memory Excel double and a sample loader, exposed on window for the browser e2e test.
  const double = {
    name: 'e2e-double',
    devtool: false,
    entry: { double: './test/e2e/double-entry.ts' },
    output: { path: path.resolve(__dirname, 'dist-test'), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    module: { rules: [tsRule] },
    performance: { hints: false },
    optimization: { minimize: false },
  };
  return [app, double];
};
