import ReactMarkdown from 'react-markdown';

const allowed = ['p', 'h2', 'h3', 'h4', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'blockquote', 'br', 'hr', 'code'];

/** Organisers' Markdown: raw HTML is dropped, links are sanitised, headings are demoted below the page title. */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="prose" dir="auto">
      <ReactMarkdown
        skipHtml
        allowedElements={allowed}
        unwrapDisallowed
        components={{
          h1: 'h2',
          a: ({ href, children }) => (
            <a href={href} rel="nofollow noopener noreferrer ugc">
              {children}
            </a>
          ),
        }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
