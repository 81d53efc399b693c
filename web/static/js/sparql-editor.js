// A small SPARQL highlighter for the query editor: a <pre> painted under a transparent <textarea>.
// Tokens are escaped before they are wrapped, so typed text never becomes markup.
(function () {
  "use strict";
  var ta = document.getElementById("query");
  var code = document.getElementById("hl");
  if (!ta || !code) return;
  var KEYWORDS = /^(SELECT|ASK|CONSTRUCT|DESCRIBE|WHERE|PREFIX|BASE|DISTINCT|REDUCED|FROM|NAMED|GRAPH|OPTIONAL|UNION|MINUS|FILTER|BIND|VALUES|AS|ORDER|BY|ASC|DESC|GROUP|HAVING|LIMIT|OFFSET|NOT|EXISTS|IN|SERVICE|UNDEF|COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT|SEPARATOR|STR|LANG|DATATYPE|BOUND|IF|COALESCE|REGEX|CONTAINS|STRSTARTS|STRENDS|LCASE|UCASE|YEAR|MONTH|DAY|NOW|ISIRI|ISURI|ISLITERAL|ISBLANK|SUBSTR|STRLEN|CONCAT|REPLACE|a|true|false)$/i;
  var TOKEN = /("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(#[^\n]*)|(<[^<>"{}|^`\\\s]*>)|([?$][A-Za-z0-9_]+)|([A-Za-z][\w.-]*)?:([\w.-]*)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_]+)/g;
  function esc(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function span(cls, s) { return '<span class="' + cls + '">' + esc(s) + "</span>"; }
  function paint() {
    var src = ta.value, out = "", last = 0, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(src)) !== null) {
      if (m[0] === "") { TOKEN.lastIndex++; continue; }
      out += esc(src.slice(last, m.index));
      if (m[1]) out += span("tok-str", m[0]);
      else if (m[2]) out += span("tok-comment", m[0]);
      else if (m[3]) out += span("tok-iri", m[0]);
      else if (m[4]) out += span("tok-var", m[0]);
      else if (m[6] !== undefined) out += span("tok-pname", m[0]);
      else if (m[7]) out += span("tok-num", m[0]);
      else if (m[8] && KEYWORDS.test(m[8])) out += span("tok-kw", m[0]);
      else out += esc(m[0]);
      last = TOKEN.lastIndex;
    }
    out += esc(src.slice(last));
    code.innerHTML = out + "\n";  // trailing newline keeps the last line's height
  }
  function sync() { code.parentNode.scrollTop = ta.scrollTop; code.parentNode.scrollLeft = ta.scrollLeft; }
  ta.addEventListener("input", paint);
  ta.addEventListener("scroll", sync);
  ta.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); ta.form.submit(); }
  });
  document.documentElement.classList.add("js-editor");
  paint();
})();
