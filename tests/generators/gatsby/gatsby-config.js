// Minimal gatsby-starter-blog layout: markdown under content/blog, read by remark.
module.exports = {
  siteMetadata: { title: 'hoego conformance' },
  plugins: [
    { resolve: 'gatsby-source-filesystem', options: { name: 'blog', path: `${__dirname}/content/blog` } },
    'gatsby-transformer-remark',
  ],
};
