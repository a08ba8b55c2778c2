/**
 * Lesson text with formulas: display math typeset by KaTeX (bundled from npm, fonts included, so it
 * works offline), and $…$ inside a paragraph as inline math. A formula KaTeX cannot read is shown as
 * its source in red, never a blank. Formulas are marked translate="no": they read the same in every language.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';

function tex(source: string, display: boolean): string {
  return katex.renderToString(source, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
}

export function DisplayMath({ tex: source }: { tex: string }) {
  return <div className="lesson-math" translate="no" dangerouslySetInnerHTML={{ __html: tex(source, true) }} />;
}

/** A paragraph: text with $…$ formulas. */
export function MathText({ text }: { text: string }) {
  const parts = text.split(/(\$[^$]+\$)/g).filter((p) => p !== '');
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith('$') && p.endsWith('$') && p.length > 2 ? <span key={i} translate="no" dangerouslySetInnerHTML={{ __html: tex(p.slice(1, -1), false) }} /> : <span key={i}>{p}</span>,
      )}
    </>
  );
}
