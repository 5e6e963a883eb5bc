import * as React from 'react';
import { graphql } from 'gatsby';

// The page query reads every post's title, date and HTML, as a blog index does.
export default function Index({ data }) {
  return (
    <main>
      {data.allMarkdownRemark.nodes.map((n) => (
        <article key={n.id}>
          <h2>{n.frontmatter.title}</h2>
          <time>{n.frontmatter.date}</time>
          <div dangerouslySetInnerHTML={{ __html: n.html }} />
        </article>
      ))}
    </main>
  );
}

export const query = graphql`
  {
    allMarkdownRemark(sort: { frontmatter: { date: DESC } }) {
      nodes { id html frontmatter { title date tags } }
    }
  }
`;
