// After the build, dump what Gatsby read of every post for the checker.
const fs = require('fs');
const path = require('path');
exports.onPostBuild = async ({ graphql }) => {
  const r = await graphql(`{ allMarkdownRemark { nodes { fileAbsolutePath html frontmatter { title date tags } } } }`);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  fs.writeFileSync(path.join(__dirname, 'public', 'posts.json'), JSON.stringify(r.data.allMarkdownRemark.nodes));
};
