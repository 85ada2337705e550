// Builds the task pane's end-to-end harness (test/e2e/harness): the App over the in-memory
// workbook, no Office.js, into a temporary folder for taskpane.e2e.test.ts to serve; and the
// Office.js stand-in (test/e2e/office-stub) that page.e2e.test.ts serves to the production build.
//   npx webpack --config test/e2e/webpack.e2e.js --env out=/tmp/e2e [--env only=office-stub]
// Development mode and transpile-only for speed: `npm run lint` type-checks these files.
const HtmlWebpackPlugin = require("html-webpack-plugin");
const os = require("os");
const path = require("path");

module.exports = (env = {}) => ({
  mode: "development",
  devtool: false,
  context: path.resolve(__dirname, "../.."),
  entry:
    env.only === "office-stub"
      ? { "office-stub": "./test/e2e/office-stub/office-stub.ts" }
      : { harness: "./test/e2e/harness/harness.tsx" },
  output: {
    path: path.resolve(env.out || path.join(os.tmpdir(), "shared-services-e2e")),
    clean: true,
  },
  resolve: { extensions: [".ts", ".tsx", ".js"] },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        use: {
          loader: "ts-loader",
          options: { configFile: path.resolve(__dirname, "tsconfig.e2e.json"), transpileOnly: true },
        },
      },
    ],
  },
  plugins:
    env.only === "office-stub"
      ? []
      : [
          new HtmlWebpackPlugin({
            filename: "harness.html",
            template: path.resolve(__dirname, "harness/harness.html"),
            chunks: ["harness"],
          }),
        ],
  infrastructureLogging: { level: "warn" },
  stats: "errors-warnings",
});
