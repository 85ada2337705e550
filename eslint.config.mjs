// Lint rules: typescript-eslint's recommended set, React, prettier, and Microsoft's Office
// add-in rules (sync/load checks for Office.js) at the severities of the plugin's own config.
// The plugin's ready-made config bundles an older typescript-eslint that breaks on ESLint 9.3x,
// so only its rules are taken here.
import js from "@eslint/js";
import officeAddins from "eslint-plugin-office-addins";
import prettier from "eslint-plugin-prettier/recommended";
import react from "eslint-plugin-react";
import tseslint from "typescript-eslint";
import globals from "globals";

const officeRules = Object.fromEntries(
  Object.entries(officeAddins.configs.recommended.at(-1).rules).filter(([name]) => name.startsWith("office-addins/")),
);

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "build-ts/", "lib/", "coverage/", "out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { ...react.configs.flat.recommended, settings: { react: { version: "detect" } } },
  react.configs.flat["jsx-runtime"],
  { plugins: { "office-addins": officeAddins }, rules: officeRules },
  prettier,
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
