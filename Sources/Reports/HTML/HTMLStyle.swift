/// The report's inline stylesheet: readable on screen, sober in print (no backgrounds needed,
/// charts kept whole on a page, collapsed pages still printed where the browser allows).
/// It is inserted verbatim into `<style>`, so it must not contain `<`, `>` or `&`.
enum HTMLStyle {
    static let css = """
    :root{color-scheme:light}
    *{box-sizing:border-box}
    body{font:15px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1a1a1a;background:#fff;max-width:1040px;margin:0 auto;padding:24px 28px 64px}
    header{border-bottom:3px solid #1a1a1a;margin-bottom:12px}
    h1{font-size:1.75em;margin:0 0 2px}
    .subtitle{color:#555;margin:0 0 10px}
    h2{font-size:1.3em;border-bottom:1px solid #999;padding-bottom:3px;margin:2em 0 .6em}
    h3{font-size:1.08em;margin:1.4em 0 .4em}
    nav.toc{font-size:.93em;margin:8px 0 20px}
    nav.toc ol{margin:0;padding-left:1.4em;columns:2}
    a{color:#1f4e9a}
    table{border-collapse:collapse;margin:8px 0 16px;font-variant-numeric:tabular-nums}
    th,td{padding:3px 10px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
    thead th{border-bottom:2px solid #555;font-weight:600}
    .num{text-align:right;white-space:nowrap}
    table.kv th{font-weight:normal;color:#444;padding-right:24px}
    table.kv td{font-weight:600}
    caption{caption-side:top;text-align:left;font-weight:600;padding:4px 0}
    .note{border-left:4px solid #888;background:#f3f3f3;padding:6px 12px;font-size:.93em;margin:8px 0 14px}
    figure{margin:10px 0 22px}
    figure svg{display:block;max-width:100%;height:auto}
    figcaption{font-size:.9em;color:#555;margin-top:4px}
    details{border:1px solid #ccc;border-radius:4px;padding:4px 10px;margin:6px 0}
    summary{cursor:pointer;font-weight:600}
    footer{margin-top:3em;font-size:.85em;color:#666;border-top:1px solid #ccc;padding-top:6px}
    @media print{
    body{max-width:none;padding:0;font-size:10.5pt}
    nav.toc{display:none}
    h2,h3{break-after:avoid}
    figure,table.kv,.note{break-inside:avoid}
    details{border:none;padding:0}
    details::details-content{content-visibility:visible;display:block}
    a{color:inherit;text-decoration:none}
    }
    """
}
