/**
 * Lesson text to DOM: paragraphs with two marks of emphasis, `*word*` (emphasis) and `**word**`
 * (strong). Built from text nodes only — a lesson file can never inject markup or script.
 */
import { h } from '../dom.ts';

const MARK = /(\*\*[^*]+\*\*|\*[^*]+\*)/g;

/** One paragraph's inline content. */
export function inline(text: string): (Node | string)[] {
  return text
    .split(MARK)
    .filter((part) => part !== '')
    .map((part) => {
      if (part.startsWith('**') && part.endsWith('**') && part.length > 4)
        return h('strong', {}, part.slice(2, -2));
      if (part.startsWith('*') && part.endsWith('*') && part.length > 2)
        return h('em', {}, part.slice(1, -1));
      return part;
    });
}

/** Paragraph elements for a list of texts. */
export function paragraphs(list: readonly string[], cls?: string): HTMLParagraphElement[] {
  return list.map((t) => h('p', cls ? { class: cls } : {}, ...inline(t)));
}
