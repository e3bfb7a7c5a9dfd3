import ReactMarkdown, { type Components } from "react-markdown";
import styles from "./Markdown.module.css";

// Links and images never load or navigate: the app window must stay on Wbot, and the CSP allows no
// remote content. Their text and address are shown instead, so nothing the model wrote is hidden.
const components: Components = {
  a: ({ href, children }) => (
    <span className={styles.link}>
      {children}
      {href !== undefined && href !== "" ? <span className={styles.address}> ({href})</span> : null}
    </span>
  ),
  img: ({ alt, src }) => (
    <span className={styles.link}>
      {alt}
      {typeof src === "string" && src !== "" ? (
        <span className={styles.address}> ({src})</span>
      ) : null}
    </span>
  ),
};

/**
 * A reply's Markdown, rendered safely: no raw-HTML plugin, so any HTML in the text is shown as text
 * (react-markdown turns raw nodes into text), and links are shown, not followed.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className={styles.markdown}>
      <ReactMarkdown components={components}>{text}</ReactMarkdown>
    </div>
  );
}
