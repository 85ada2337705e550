// The help page Excel opens from a function's "help on this function" link
// (@helpurl …/help.html#apportion): the README's "## Function reference" section rendered to
// HTML, so the README and the help in Excel can never say different things. Used by
// webpack.config.js. Each "### SHARED.X(...)" heading gets the id "x", the anchor of its @helpurl.
const fs = require("fs");
const { Marked } = require("marked"); // an ES module; Node 20.19+ requires it directly

const SECTION = "## Function reference";

/** The markdown of the README's function reference, from its heading to the next "## ". */
function functionReferenceMarkdown(readme) {
  const start = readme.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section for the help page`);
  const rest = readme.slice(start + 1);
  const end = rest.indexOf("\n## ", SECTION.length);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

/** The section as HTML, with an id on each function's heading. */
function functionReferenceHtml(readme) {
  const marked = new Marked({
    renderer: {
      heading({ tokens, depth, text }) {
        const name = /^SHARED\.([A-Z]+)\(/.exec(text);
        const id = name ? ` id="${name[1].toLowerCase()}"` : "";
        return `<h${depth}${id}>${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
    },
  });
  return marked.parse(functionReferenceMarkdown(readme));
}

function functionReferenceFromFile(readmePath) {
  return functionReferenceHtml(fs.readFileSync(readmePath, "utf8"));
}

module.exports = { functionReferenceFromFile };
