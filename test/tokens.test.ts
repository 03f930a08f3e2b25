/**
 * One identity everywhere: the colours, spacing and type scale the e-mails and the PDFs use
 * (src/ui/tokens.ts) are the stylesheet's own custom properties, and the primary button of the
 * web is Monaco red.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import {
  FONT_SIZES,
  FONT_SIZE_PROPERTIES,
  SPACING,
  SPACING_PROPERTIES,
  TOKENS,
  TOKEN_PROPERTIES,
  px,
  remToPx,
  type Token,
} from '../src/ui/tokens.ts';

const css = readFileSync(new URL('../public/css/main.css', import.meta.url), 'utf8');
const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';

function property(name: string): string | undefined {
  return new RegExp(`${name}:\\s*([^;]+);`).exec(root)?.[1]?.trim().toLowerCase();
}

test('the tokens of the e-mails and the PDFs are the stylesheet’s colours', () => {
  assert.ok(root.length > 0, 'the stylesheet has its :root tokens');
  for (const [key, value] of Object.entries(TOKENS))
    assert.equal(property(TOKEN_PROPERTIES[key as keyof typeof TOKENS]), value, key);
  assert.equal(property('--primary'), 'var(--red)', 'the primary action is Monaco red');
  assert.equal(property('--primary-hover'), 'var(--red-dark)', 'the primary action under the pointer');
  assert.equal(property('--primary-shadow'), 'var(--red-darker)', 'the primary action’s shadow');
});

test('the spacing and type scale of the e-mails are the stylesheet’s, in px at a 16 px root', () => {
  for (const [key, value] of Object.entries(SPACING))
    assert.equal(property(SPACING_PROPERTIES[key as keyof typeof SPACING]), value, `spacing ${key}`);
  for (const [key, value] of Object.entries(FONT_SIZES))
    assert.equal(property(FONT_SIZE_PROPERTIES[key as keyof typeof FONT_SIZES]), value, `font size ${key}`);
  assert.equal(property('font-size'), '100%', 'the root is the browser’s 16 px, which px() assumes');
  assert.deepEqual(Object.values(SPACING).map(remToPx), [4, 8, 16, 24, 32]);
  assert.deepEqual(Object.values(FONT_SIZES).map(px), ['12px', '14px', '16px', '20px', '24px']);
  assert.throws(() => remToPx('12px'), /Not a rem length/);
});

/** The CSS named colours (CSS Color Module Level 4), but `transparent` and `currentColor`. */
const NAMED_COLOURS = new Set(
  `aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown
  burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan
  darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid
  darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet
  deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro
  ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki
  lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow
  lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray
  lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine
  mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen
  mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace
  olive olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred
  papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue
  saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey
  snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow
  yellowgreen`.split(/\s+/),
);

/** The stylesheet without its comments (their lines kept, so that a line number is the file's). */
const code = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''));

/** Every declaration outside `:root`, as `property: value`, with its line. */
function declarationsOutsideRoot(): { line: number; property: string; value: string }[] {
  const start = code.indexOf(':root');
  const end = code.indexOf('}', start) + 1;
  const found: { line: number; property: string; value: string }[] = [];
  for (const match of code.matchAll(/(?<=[{;])\s*([a-z-]+)\s*:\s*([^;{}]*)(?=[;}])/g)) {
    const at = match.index + match[0].length - match[0].trimStart().length;
    if (at >= start && at < end) continue;
    found.push({ line: code.slice(0, at).split('\n').length, property: match[1]!, value: match[2]!.trim() });
  }
  return found;
}

/** The literal colours in a value: hex, a colour function, or a named colour (tokens' names aside). */
function literalColours(value: string): string[] {
  const withoutTokens = value.replace(/var\(--[a-z0-9-]+\)/gi, '');
  return [
    ...(withoutTokens.match(/#[0-9a-f]{3,8}\b/gi) ?? []),
    ...(withoutTokens.match(/\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/gi) ?? []),
    ...(withoutTokens.match(/\b[a-z]+\b/gi) ?? []).filter((word) => NAMED_COLOURS.has(word.toLowerCase())),
  ];
}

test('no rule of the stylesheet has a literal colour: every colour is a token of :root (print styles included)', () => {
  const declarations = declarationsOutsideRoot();
  assert.ok(declarations.length > 300, `the stylesheet's rules are read (${declarations.length} declarations)`);
  const literal = declarations
    .map((d) => ({ ...d, colours: literalColours(d.value) }))
    .filter((d) => d.colours.length > 0)
    .map((d) => `line ${d.line}: ${d.property}: ${d.value}`);
  assert.deepEqual(literal, [], 'colours written outside :root');
});

test('the literal-colour check finds hex, colour functions and named colours, never a token’s name', () => {
  assert.deepEqual(literalColours('1px solid #b1b4b6'), ['#b1b4b6']);
  assert.deepEqual(literalColours('0 3px 0 rgba(0, 0, 0, 0.2)'), ['rgba(']);
  assert.deepEqual(literalColours('White'), ['White']);
  assert.deepEqual(literalColours('var(--green-dark)'), []);
  assert.deepEqual(literalColours('linear-gradient(45deg, transparent 45%, currentColor 45% 55%)'), []);
  assert.deepEqual(literalColours('inherit'), []);
});

test('every token a rule uses is defined in :root (a misspelt one would draw nothing)', () => {
  const defined = new Set([...root.matchAll(/(--[a-z0-9-]+)\s*:/g)].map((m) => m[1]));
  const used = new Set([...code.matchAll(/var\((--[a-z0-9-]+)/g)].map((m) => m[1]));
  assert.deepEqual(
    [...used].filter((name) => !defined.has(name)),
    [],
  );
});

test('the e-mail draws only token colours, spacing and font sizes (the frame’s 600 px width aside)', async () => {
  const { notice, renderMail } = await import('../src/features/notifications/mail.templates.tsx');
  const { html } = renderMail(
    notice,
    {
      title: 'Titre',
      paragraphs: ['Paragraphe', { items: ['un', 'deux'] }],
      action: { label: 'Agir', url: 'https://monguichet.mc/agir' },
      footnotes: ['Note'],
    },
    'fr',
  );
  const colours = new Set<string>(Object.values(TOKENS));
  const spacing = new Set(Object.values(SPACING).map(px));
  const fontSizes = new Set(Object.values(FONT_SIZES).map(px));
  const styles = [...html.matchAll(/style="([^"]*)"/g)].map((m) => m[1]!);
  assert.ok(styles.length > 10, `the inline styles are read (${styles.length})`);
  const stray: string[] = [];
  for (const style of styles) {
    for (const [, name, value] of style.matchAll(/([a-z-]+)\s*:\s*([^;]+)/g)) {
      for (const colour of literalColours(value!)) if (!colours.has(colour)) stray.push(`${name}: ${value}`);
      for (const length of value!.match(/\b\d+(?:\.\d+)?px\b/g) ?? []) {
        if (name === 'max-width') continue;
        if (!(name === 'font-size' ? fontSizes : spacing).has(length)) stray.push(`${name}: ${value}`);
      }
    }
  }
  assert.deepEqual(stray, []);
  assert.match(html, new RegExp(`background: ${TOKENS.red}; color: ${TOKENS.white};`), 'white on Monaco red');
});

/**
 * The renderers that cannot read the stylesheet: the e-mails (every file of the notifications
 * feature) and the canteen's PDFs (every `*pdf*.ts`, the shared `pdf-document.ts` included).
 */
function rendererSources(): string[] {
  const inDir = (dir: string, keep: (name: string) => boolean): string[] =>
    readdirSync(new URL(`../${dir}/`, import.meta.url), { recursive: true })
      .map(String)
      .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && keep(name))
      .map((name) => `${dir}/${name}`);
  return [
    ...inDir('src/features/notifications', () => true),
    ...inDir('src/features/canteen', (name) => /pdf/i.test(name)),
  ].sort();
}

/** The colours a source writes itself: hex, colour functions, named colours, pdfkit's [r, g, b]. */
function literalColoursInSource(source: string): string[] {
  const found: string[] = [
    ...(source.match(/#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})\b/gi) ?? []),
    ...(source.match(/\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/gi) ?? []),
    ...(source.match(/\b(?:fill|stroke|fillColor|strokeColor|fillAndStroke)\(\s*\[/g) ?? []),
  ];
  // A named colour as a whole string ('black'), or in an inline style (`color: white`; in
  // lower case, as CSS is written, so that a pdfkit option `color: WHITE` naming a token is not one).
  for (const [literal, word] of source.matchAll(/['"`]([a-z]+)['"`]/gi))
    if (NAMED_COLOURS.has(word!.toLowerCase())) found.push(literal);
  for (const [declaration, value] of source.matchAll(
    /\b(?:color|background(?:-color)?|border(?:-[a-z]+)*|outline(?:-color)?)\s*:\s*([^;'"`{}]*)/g,
  )) {
    const words = value!.replace(/\$\{[^}]*\}/g, '').match(/\b[a-z]+\b/g) ?? [];
    if (words.some((w) => NAMED_COLOURS.has(w))) found.push(declaration.trim());
  }
  return found.sort();
}

test('the e-mail and PDF renderers write no colour of their own: every colour is a token', () => {
  const files = rendererSources();
  for (const expected of [
    'src/features/notifications/mail.templates.tsx',
    'src/features/canteen/pdf-document.ts',
    'src/features/canteen/guide-pdf.ts',
    'src/features/canteen/invoice-pdf.ts',
    'src/features/canteen/receipt-pdf.ts',
    'src/features/canteen/certificate-pdf.ts',
  ]) {
    assert.ok(existsSync(new URL(`../${expected}`, import.meta.url)), expected);
    assert.ok(files.includes(expected), `${expected} is scanned`);
  }
  const literal = files.flatMap((file) =>
    literalColoursInSource(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')).map(
      (colour) => `${file}: ${colour}`,
    ),
  );
  assert.deepEqual(literal, [], 'colours written outside src/ui/tokens.ts');
});

test('the renderers’ colour check finds what pdfkit and inline styles accept, never a token', () => {
  assert.deepEqual(literalColoursInSource("doc.fill('#000000'); doc.stroke('#BDBDBD');"), ['#000000', '#BDBDBD']);
  assert.deepEqual(literalColoursInSource('style="background: #fff; color: rgb(0, 0, 0)"'), ['#fff', 'rgb(']);
  assert.deepEqual(literalColoursInSource("doc.fill('black').fillColor([0, 0, 0])"), ["'black'", 'fillColor([']);
  assert.deepEqual(literalColoursInSource('const style = { size: 9, color: WHITE, align: RIGHT };'), []);
  assert.deepEqual(literalColoursInSource('style={`color: white; border-top: 4px solid red;`}'), [
    'border-top: 4px solid red',
    'color: white',
  ]);
  assert.deepEqual(
    literalColoursInSource(
      'doc.fill(TOKENS.red); const s = `color: ${LINK}; white-space: nowrap; border-top: ${X} solid ${RED};`; // a white square',
    ),
    [],
  );
});

/** WCAG 2.x relative luminance of an sRGB colour `#rgb` or `#rrggbb`. */
function luminance(hex: string): number {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2.x contrast ratio, from 1 to 21. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The declarations of the top-level rules whose selector list holds `selector` (a later one wins). */
function declarations(selector: string): Record<string, string> {
  const found: Record<string, string> = {};
  let depth = 0;
  let scanned = 0;
  for (const match of code.matchAll(/([^{}]*)\{([^{}]*)\}/g)) {
    for (const ch of code.slice(scanned, match.index)) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
    scanned = match.index + match[0].length;
    if (depth !== 0 || !match[1]!.split(',').some((s) => s.trim() === selector)) continue;
    for (const [, name, value] of match[2]!.matchAll(/([a-z-]+)\s*:\s*([^;]+)/g)) found[name!] = value!.trim();
  }
  return found;
}

/** The colour tokens a declaration of the stylesheet draws, `--primary` followed to `--red`, in order. */
function drawn(selector: string, name: string): Token[] {
  const value = declarations(selector)[name];
  assert.ok(value, `the stylesheet has ${selector} { ${name} }`);
  return [...value.matchAll(/var\((--[a-z0-9-]+)\)/g)].map(([, custom]) => {
    let current = custom!;
    for (let next = /^var\((--[a-z0-9-]+)\)$/.exec(property(current) ?? ''); next;) {
      current = next[1]!;
      next = /^var\((--[a-z0-9-]+)\)$/.exec(property(current) ?? '');
    }
    const token = (Object.keys(TOKEN_PROPERTIES) as Token[]).find((key) => TOKEN_PROPERTIES[key] === current);
    assert.ok(token, `${current} (${selector} { ${name} }) is a token of src/ui/tokens.ts`);
    return token;
  });
}

/** The one colour a declaration draws. */
function colour(selector: string, name: string): Token {
  const tokens = drawn(selector, name);
  assert.equal(tokens.length, 1, `${selector} { ${name} } draws one colour`);
  return tokens[0]!;
}

test('the contrast ratio is WCAG 2.x’s', () => {
  assert.equal(contrast('#000', '#fff'), 21);
  assert.equal(contrast('#fff', '#fff'), 1);
  assert.equal(contrast('#767676', '#fff').toFixed(2), '4.54', 'the lightest grey that passes AA on white');
  assert.equal(contrast('#777777', '#ffffff').toFixed(2), '4.48');
});

interface Pair {
  readonly what: string;
  readonly fg: Token;
  readonly bg: Token;
  /** The tokens the pair is expected to be, so that a change to the stylesheet is seen here. */
  readonly expected: readonly [Token, Token];
}

/** Checks each pair against its minimum and reports every ratio, then every failure at once. */
function checkContrast(t: { diagnostic: (message: string) => void }, pairs: readonly Pair[], minimum: number): void {
  const failing: string[] = [];
  for (const { what, fg, bg, expected } of pairs) {
    assert.deepEqual([fg, bg], expected, what);
    const ratio = contrast(TOKENS[fg], TOKENS[bg]);
    t.diagnostic(`${what}: ${fg} ${TOKENS[fg]} on ${bg} ${TOKENS[bg]} = ${ratio.toFixed(2)}:1`);
    if (ratio < minimum) failing.push(`${what}: ${ratio.toFixed(2)}:1 < ${minimum}:1`);
  }
  assert.deepEqual(failing, []);
}

test('text on the buttons, the focus state, links and muted text meets WCAG 2.2 AA (4.5:1)', (t) => {
  const page = colour('body', 'background');
  checkContrast(
    t,
    [
      {
        what: 'primary button',
        fg: colour('.button', 'color'),
        bg: colour('.button', 'background'),
        expected: ['white', 'red'],
      },
      {
        what: 'primary button under the pointer',
        fg: colour('.button', 'color'),
        bg: colour('.button:hover', 'background'),
        expected: ['white', 'redDark'],
      },
      {
        what: 'focused button',
        fg: colour('.button:focus-visible', 'color'),
        bg: colour('.button:focus-visible', 'background'),
        expected: ['text', 'focus'],
      },
      {
        what: 'focused link or button-like control',
        fg: colour('a:focus-visible', 'color'),
        bg: colour('a:focus-visible', 'background-color'),
        expected: ['text', 'focus'],
      },
      {
        what: 'destructive button',
        fg: colour('.button--warning', 'color'),
        bg: colour('.button--warning', 'background'),
        expected: ['redDark', 'white'],
      },
      {
        what: 'destructive button under the pointer',
        fg: colour('.button--warning', 'color'),
        bg: colour('.button--warning:hover', 'background'),
        expected: ['redDark', 'redTint'],
      },
      { what: 'link on the page', fg: colour('a', 'color'), bg: page, expected: ['link', 'white'] },
      { what: 'text on the page', fg: colour('body', 'color'), bg: page, expected: ['text', 'white'] },
      // The e-mails and the PDFs draw these too: red headings and bands, muted footnotes, the footer panel.
      { what: 'Monaco red text on white (guide headings)', fg: 'red', bg: 'white', expected: ['red', 'white'] },
      { what: 'muted text on white', fg: 'muted', bg: 'white', expected: ['muted', 'white'] },
      { what: 'muted text on the panel', fg: 'muted', bg: 'panel', expected: ['muted', 'panel'] },
      { what: 'link on the panel (e-mail footer)', fg: 'link', bg: 'panel', expected: ['link', 'panel'] },
    ],
    4.5,
  );
});

test('the focus indicator stands out from what it replaces and what surrounds it (non-text, 3:1)', (t) => {
  const [yellow, bar] = drawn('a:focus-visible', 'box-shadow');
  assert.equal(yellow, colour('a:focus-visible', 'background-color'), 'a yellow band above the focused link…');
  checkContrast(
    t,
    [
      {
        // The focused button turns from red to yellow: the same pixels change by this much.
        what: 'focused button against the button it was',
        fg: colour('.button:focus-visible', 'background'),
        bg: colour('.button', 'background'),
        expected: ['focus', 'red'],
      },
      {
        // A focused link of the red header: the yellow box sits right on the red.
        what: 'focused header link against the header',
        fg: colour('a:focus-visible', 'background-color'),
        bg: colour('.site-header', 'background'),
        expected: ['focus', 'red'],
      },
      {
        what: 'dark bar under a focused link against the page',
        fg: bar!,
        bg: colour('body', 'background'),
        expected: ['text', 'white'],
      },
      {
        what: 'dark bar under a focused button against the page',
        fg: colour('.button:focus-visible', 'box-shadow'),
        bg: colour('body', 'background'),
        expected: ['text', 'white'],
      },
      {
        what: 'dark bar under the yellow',
        fg: bar!,
        bg: yellow,
        expected: ['text', 'focus'],
      },
      {
        // A focused field keeps its white and takes a dark inner ring inside the yellow outline.
        what: 'dark ring of a focused field against the field',
        fg: colour('input:focus-visible', 'box-shadow'),
        bg: colour('input:focus-visible', 'background-color'),
        expected: ['text', 'white'],
      },
    ],
    3,
  );
});
