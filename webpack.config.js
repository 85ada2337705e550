// Builds the task pane, the custom functions and their metadata into dist/, as Microsoft's
// Office add-in templates do. `npm run dev-server` serves dist/ on https://localhost:3000.
//
// Shared runtime (manifest.xml): one page, taskpane.html, loads both the functions (functions.js)
// and the task pane (taskpane.js), as "Configure your Office Add-in to use a shared runtime" has
// the webpack config do; there is no separate functions.html.
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const fs = require("fs");
const path = require("path");
const { functionReferenceFromFile } = require("./scripts/help-page");

const urlDev = "https://localhost:3000/";
const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
/**
 * The language level our TypeScript is compiled to: ES2020 (BigInt, ?., ??). Set here rather than
 * taken from tsconfig.json, which also serves Node. The libraries the pane bundles are not compiled
 * again, and Fluent UI's focus library (tabster) is ES2022, so the task pane bundle is ES2022: every
 * webview in .browserslistrc runs it, and webpack's own runtime code follows that list (target
 * "browserslist"). test/e2e/page.e2e.test.ts parses the built files at these levels.
 */
const LANGUAGE_LEVEL = "ES2020";
// Where the production build will be hosted: set ADDIN_URL when building for deployment.
const urlProd = process.env.ADDIN_URL || "https://localhost:3000/";

async function getHttpsOptions() {
  // Loaded only for the dev server: a production build must not need (or create) certificates.
  const devCerts = require("office-addin-dev-certs");
  try {
    const httpsOptions = await devCerts.getHttpsServerOptions();
    return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
  } catch (err) {
    // The certificates are made before the CA is installed, and installing it can fail where
    // there is no sudo (a Linux container). Serve with them anyway and say what to trust.
    const defaults = require("office-addin-dev-certs/lib/defaults");
    if (!fs.existsSync(defaults.localhostKeyPath)) throw err;
    console.warn(
      `${err.message}\nServing with the certificates in ${defaults.certificateDirectory}; ` +
        `trust ${defaults.caCertificatePath} in your browser or system to avoid certificate warnings.`,
    );
    return {
      ca: fs.readFileSync(defaults.caCertificatePath),
      key: fs.readFileSync(defaults.localhostKeyPath),
      cert: fs.readFileSync(defaults.localhostCertificatePath),
    };
  }
}

/**
 * A production build points the development URLs in the built files at ADDIN_URL: the manifest's
 * and each function's help link in functions.json (@helpurl https://localhost:3000/help.html#…).
 */
class RewriteUrls {
  constructor(files, from, to) {
    Object.assign(this, { files, from, to });
  }
  apply(compiler) {
    const name = "RewriteUrls";
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      const stage = compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE;
      compilation.hooks.processAssets.tap({ name, stage }, () => {
        for (const file of this.files) {
          const asset = compilation.getAsset(file);
          if (!asset) continue;
          const text = asset.source.source().toString().split(this.from).join(this.to);
          compilation.updateAsset(file, new compiler.webpack.sources.RawSource(text));
        }
      });
    });
  }
}

/**
 * functions.json from the functions' JSDoc, by Microsoft's metadata generator (custom-functions-metadata).
 * Its webpack plugin is not used: that also appends `CustomFunctions.associate(...)` to the functions'
 * source, which throws where there is no CustomFunctions (the task pane's page in a plain browser);
 * src/functions/register.ts registers them instead, only inside Excel.
 *
 * The generator always writes `allowCustomDataForDataTypeAny: true`, which lets Excel pass data types
 * (linked entities) to the functions. That is CustomFunctionsRuntime 1.4 (Microsoft's requirement
 * sets: not in retail or volume-licensed perpetual Office on Windows, which 1.3 reaches), and the
 * functions take plain cell values only, so it is left out: Excel then passes a data type's plain value.
 */
class FunctionsMetadata {
  constructor(input, output) {
    Object.assign(this, { input: path.resolve(__dirname, input), output });
  }
  apply(compiler) {
    const name = "FunctionsMetadata";
    let generated;
    compiler.hooks.beforeCompile.tapPromise(name, async () => {
      generated = await generateCustomFunctionsMetadata(this.input, true);
    });
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.fileDependencies.add(this.input);
      if (generated.errors.length > 0) {
        for (const e of generated.errors)
          compilation.errors.push(new compiler.webpack.WebpackError(`${this.input}: ${e}`));
        return;
      }
      const stage = compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL;
      compilation.hooks.processAssets.tap({ name, stage }, () => {
        const metadata = JSON.parse(generated.metadataJson);
        delete metadata.allowCustomDataForDataTypeAny;
        const text = JSON.stringify(metadata, null, 4);
        compilation.emitAsset(this.output, new compiler.webpack.sources.RawSource(text));
      });
    });
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  // `--env functionsOnly` builds the functions and their help without the task pane: the
  // bundle test (test/functions/bundle.test.ts) uses it to build in seconds.
  const functionsOnly = Boolean(env.functionsOnly);
  return {
    devtool: "source-map",
    target: "browserslist",
    entry: {
      ...(functionsOnly ? {} : { taskpane: "./src/taskpane/index.tsx" }),
      functions: "./src/functions/register.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      clean: true,
      // The one chunk loaded later: values-copy.js (the task pane's "Save a copy with values", with JSZip).
      chunkFilename: "[name].js",
    },
    // That chunk whole, JSZip inside it, rather than split into a vendors chunk of its own.
    optimization: { splitChunks: false },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { configFile: "tsconfig.build.json", compilerOptions: { target: LANGUAGE_LEVEL } },
          },
        },
      ],
    },
    performance: { maxAssetSize: 1_000_000, maxEntrypointSize: 1_000_000 },
    plugins: [
      new FunctionsMetadata(FUNCTIONS_SOURCE, "functions.json"),
      ...(dev ? [] : [new RewriteUrls(["manifest.xml", "functions.json"], urlDev, urlProd)]),
      ...(functionsOnly
        ? []
        : [
            new HtmlWebpackPlugin({
              filename: "taskpane.html",
              template: "./src/taskpane/taskpane.html",
              // The functions first, so they are registered before the pane's code loads and runs.
              chunks: ["functions", "taskpane"],
              chunksSortMode: "manual",
            }),
          ]),
      new HtmlWebpackPlugin({
        filename: "help.html",
        template: "./src/help/help.html",
        chunks: [],
        templateParameters: { functionReference: functionReferenceFromFile(path.resolve(__dirname, "README.md")) },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: env.WEBPACK_BUILD ? undefined : await getHttpsOptions() },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
};
