/**
 * Builds the add-in (dist/): taskpane.html, commands.html, the standalone web page web.html and the same
 * page as one self-contained file for file:// (绩效自评助手.html),
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

/**
 * Writes the web page once more as one file that opens from a double-click (dist/绩效自评助手.html): under
 * file:// nothing can be fetched, so the page's own scripts and every chunk its import()s reach are inlined,
 * and its icon becomes a data: URL. It is web.html's bundle, not a second build: each async chunk, run
 * first, registers its modules in webpack's chunk array, so an import() finds its chunk loaded and fetches
 * nothing. The page's fonts are the system's (no font files), and nothing else is fetched.
 */
class SingleFilePage {
  constructor({ entry, page, filename }) {
    Object.assign(this, { entry, page, filename });
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('SingleFilePage', (compilation) => {
      compilation.hooks.processAssets.tap(
        // After minifying, hashing and the HTML pages: the files and names are final.
        { name: 'SingleFilePage', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const entry = compilation.entrypoints.get(this.entry);
          const page = compilation.getAsset(this.page);
          if (!entry || !page) return;
          const text = (file) => {
            const asset = compilation.getAsset(file);
            if (!asset) throw new Error(`${this.filename}: ${file} is not among the assets`);
            return asset.source.source().toString();
          };
          // Inside <script>, “</script” would end it and “<!--” would change how it is parsed: both escaped
          // the way a JS string, regex or template reads the same (minified code has them nowhere else).
          const script = (file) =>
            `<script>${text(file)
              .replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n')
              .replace(/<\/script/gi, '<\\/script')
              .replace(/<!--/g, '<\\u0021--')}</script>`;
          const asyncChunks = [];
          const seen = new Set();
          const visit = (group) => {
            for (const child of group.childrenIterable)
              if (!seen.has(child)) {
                seen.add(child);
                asyncChunks.push(...child.chunks);
                visit(child);
              }
          };
          visit(entry);
          const initial = new Set(entry.chunks);
          const files = [...new Set(asyncChunks)]
            .filter((c) => !initial.has(c))
            .flatMap((c) => [...c.files].filter((f) => f.endsWith('.js')));
          let html = page.source.source().toString();
          // The page's deferred scripts, in their order, after the async chunks and at the end of <body>
          // (an inline script does not wait for the document as a deferred one does).
          const own = [];
          html = html.replace(/<script\b[^>]*\bsrc=("?)([^"\s>]+)\1[^>]*><\/script>/g, (_, __, src) => {
            own.push(src);
            return '';
          });
          html = html.replace(/href=("?)(assets\/[^"\s>]+\.png)\1/g, (_, __, icon) => {
            const png = compilation.getAsset(icon).source.buffer().toString('base64');
            return `href="data:image/png;base64,${png}"`;
          });
          const body = [...files, ...own].map(script).join('');
          html = html.replace('</body>', () => `${body}</body>`);
          compilation.emitAsset(this.filename, new sources.RawSource(html));
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
      // Chunks next to the page that loads them (webpack's “auto” would look for a <script src>, which the
      // single-file page has none of).
      publicPath: '',
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
      new SingleFilePage({ entry: 'web', page: 'web.html', filename: '绩效自评助手.html' }),
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
