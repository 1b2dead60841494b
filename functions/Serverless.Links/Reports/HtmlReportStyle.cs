namespace Serverless.Links.Reports;

/// <summary>The HTML report's only style sheet, inlined so the page is one self-contained file.</summary>
/// <remarks>One column that fits a phone; long URLs wrap anywhere rather than widen the page.</remarks>
internal static class HtmlReportStyle
{
    public const string Css = """
        :root{color-scheme:light dark;--bad:#b3261e;--warn:#8a5a00;--good:#1e6b35;--muted:#666;--line:#ddd}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        h1{font-size:1.6rem;margin:0 0 .25rem}
        h2{font-size:1.25rem;margin:0 0 .25rem;overflow-wrap:anywhere}
        h3{font-size:1rem;margin:1rem 0 .25rem}
        a{overflow-wrap:anywhere}
        header,footer,.meta,.facts,.nolinks{color:var(--muted)}
        header{border-bottom:1px solid var(--line);margin-bottom:1rem}
        header .source{font-size:1.1rem;font-weight:600;overflow-wrap:anywhere;color:inherit}
        .counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
        .counts li{border:1px solid var(--line);border-radius:.5rem;padding:.25rem .75rem}
        .doc{border-top:1px solid var(--line);padding-top:1rem;margin-top:1.5rem}
        .links{list-style:none;padding:0;margin:0}
        .links li{border-left:4px solid var(--line);padding:.25rem .75rem;margin:.5rem 0}
        .links p{margin:.125rem 0}
        .ctx{font-style:italic}
        .s-broken h3,.s-server-error h3,.s-timeout h3,.s-tls-error h3{color:var(--bad)}
        .s-broken li,.s-server-error li,.s-timeout li,.s-tls-error li{border-left-color:var(--bad)}
        .s-blocked h3,.s-rate-limited h3,.s-skipped h3{color:var(--warn)}
        .s-blocked li,.s-rate-limited li,.s-skipped li{border-left-color:var(--warn)}
        .s-ok h3,.s-redirected h3{color:var(--good)}
        .dead{background:var(--bad);color:#fff;border-radius:.25rem;padding:0 .4rem;font-size:.8rem;font-weight:600}
        .archive{display:inline-block;margin-top:.25rem;padding:.3rem .75rem;border-radius:.4rem;background:#0b57d0;color:#fff;font-weight:600;text-decoration:none}
        code{overflow-wrap:anywhere}
        """;
}
