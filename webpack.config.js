// Builds the task pane, the custom functions and their metadata into dist/, as Microsoft's
// Office add-in templates do. `npm run dev-server` serves dist/ on https://localhost:3000.
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const fs = require("fs");
const path = require("path");
const { functionReferenceFromFile } = require("./scripts/help-page");

const urlDev = "https://localhost:3000/";
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

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  // `--env functionsOnly` builds the functions and their help without the task pane: the
  // bundle test (test/functions/bundle.test.ts) uses it to build in seconds.
  const functionsOnly = Boolean(env.functionsOnly);
  return {
    devtool: "source-map",
    entry: {
      ...(functionsOnly ? {} : { taskpane: "./src/taskpane/index.tsx" }),
      functions: "./src/functions/functions.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { configFile: "tsconfig.build.json" } },
        },
      ],
    },
    performance: { maxAssetSize: 1_000_000, maxEntrypointSize: 1_000_000 },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      ...(dev ? [] : [new RewriteUrls(["manifest.xml", "functions.json"], urlDev, urlProd)]),
      ...(functionsOnly
        ? []
        : [
            new HtmlWebpackPlugin({
              filename: "taskpane.html",
              template: "./src/taskpane/taskpane.html",
              chunks: ["taskpane"],
            }),
          ]),
      new HtmlWebpackPlugin({
        filename: "functions.html",
        template: "./src/functions/functions.html",
        chunks: ["functions"],
      }),
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
