namespace Serverless.Cli;

/// <summary>
/// Every <c>--help</c> text, kept together so they read alike and the documented exit codes and
/// defaults sit next to each other. Raw strings: what is here is what the user sees.
/// </summary>
internal static class HelpTexts
{
    public const string Main = """
        serverless: parse procurement notices, ingest them into a running host, enqueue messages,
        list a document's links, run link reports.

        Usage:
          serverless parse FILE...                    parse notice files locally, print tender records as JSON
          serverless ingest PATH... [options]         send notice files or folders to a running host
          serverless enqueue QUEUE JSON [options]     put a JSON message on one of the host's queues
          serverless links FILE [options]             list the links of a page, WordPress export, Markdown or text file
          serverless report FILE [options]            submit a document for a link report to a running host, wait, summarise

        Run 'serverless COMMAND --help' for a command's options, output and exit codes.

        """;

    public const string Parse = """
        Usage: serverless parse FILE...

        Parses each notice file (eForms or legacy TED XML) with the parser the host uses, on this
        machine: nothing is sent and nothing is stored. Files are read as streams.

        Output:
          stdout  one indented JSON tender record per file that parses, in the API's form
                  (camelCase; the id, documents and ingestedAt fields only ingestion fills are left out)
          stderr  for each file that does not: "error: FILE: PROBLEM", one line per problem

        Every file is tried, even after one fails.

        Exit codes:
          0   every file parsed
          1   at least one file did not parse or could not be read
          64  usage error: no FILE, unknown option

        """;

    public const string Ingest = """
        Usage: serverless ingest PATH... [--url URL] [--key KEY] [--parallel N]

        Sends notice files to a running host: POST {url}/api/tenders?filename=NAME, the file streamed
        as the body (application/xml), the key in the x-functions-key header. A PATH is a file (sent
        whatever its name) or a folder (every *.xml in it and its subfolders).

        Options:
          --url URL       the host. Default: $SERVERLESS_URL, else http://127.0.0.1:7071
          --key KEY       a function, host or master key. Default: $SERVERLESS_KEY; none: sent without a key
          --parallel N    files sent at a time, 1 to 64. Default: 4
          -h, --help      show this help

        Output:
          On a terminal, a progress bar; otherwise one line per file as it finishes:
            ingested   FILE  ID        201: stored as a new tender record
            duplicate  FILE  ID        200: the host already had these bytes; ID is the existing record
            rejected   FILE  REASON    4xx: the host turned the file away (not a notice, malformed...)
            failed     FILE  REASON    network error, timeout, 5xx, refused key (401/403), unknown route
                                       (404) or busy host (408/429): the file's fate is unknown
          Then a summary table (ingested / duplicates / rejected / failed / total) and a table of the
          rejected and failed files with the reason.

        Nothing is retried. Running the command again is safe: files already ingested come back as
        duplicates.

        Exit codes:
          0    every file was ingested or was a duplicate
          1    at least one file failed (whatever else happened)
          2    no file failed, but at least one was rejected
          64   usage error: bad option, no such PATH, no *.xml under the folders; nothing was sent
          130  cancelled with Ctrl+C

        """;

    public const string Enqueue = """
        Usage: serverless enqueue QUEUE JSON [--url URL] [--key KEY]

        Checks that JSON is valid JSON, then sends it as one message: POST {url}/admin/queues/QUEUE/messages
        with the master key. Prints the new message's id on stdout.

        Options:
          --url URL    the host. Default: $SERVERLESS_URL, else http://127.0.0.1:7071
          --key KEY    the host's master key (admin routes accept no other). Default: $SERVERLESS_KEY
          -h, --help   show this help

        Exit codes:
          0    enqueued; the id is on stdout
          1    not enqueued: invalid JSON (nothing sent), host unreachable, or the host refused it
          64   usage error: not exactly QUEUE and JSON, no key, unknown option
          130  cancelled with Ctrl+C

        """;

    public const string Links = """
        Usage: serverless links FILE [--base URL] [--kind KIND]

        Lists the links of one document as the link checker will see them: an HTML page, a WordPress
        export (WXR; each post, page and other item in turn), a Markdown or a plain-text file. Nothing
        is requested and nothing is stored. The file is read as a stream.

        Options:
          --base URL     the document's own URL: relative links resolve against it, and links to its
                         host, a subdomain of it or its www. form are internal. Default: none (relative
                         links are then not-checked). In a WordPress export each post resolves against
                         its permalink and the site is the export's.
          --kind KIND    html, wxr, markdown or text. Default: told from the file's first bytes, then
                         its extension (.html, .md, .txt)
          -h, --help     show this help

        Output:
          stdout  one JSON object per link, one per line:
                    url       absolute, as it will be requested (null when the link is not checked)
                    raw       as written in the document
                    kind      outbound, internal or not-checked
                    element   where it was found: a, img, img[srcset], link, iframe, markdown-inline,
                              markdown-reference, autolink, bare, wp:embed...
                    line, column   its position (in a WordPress post: in the post's content); 0 if unknown
                    fragment  the part after '#', kept apart from url (only when there is one)
                    reason    why it is not checked: scheme mailto, relative link without a base URL...
                    context   the anchor text or the words around it (only when there is some)
                    source    WordPress export only: {postId, title, type, status} of the item
          stderr  "error: FILE: PROBLEM"

        A link repeated in one document (one post) with the same URL and element is listed once, at its
        first place. Links to the page itself (empty, or a #fragment alone) are not listed.

        Exit codes:
          0   the links were listed (there may be none)
          1   the file could not be read, or is not what its kind says (malformed XML, a DTD, XML that
              is not a WordPress export); links printed before the problem stand
          64  usage error: not exactly one FILE, bad --base or --kind, or the kind cannot be told
              (give --kind)
          130 cancelled with Ctrl+C

        """;

    public const string Report = """
        Usage: serverless report FILE [--kind KIND] [--base URL] [--timeout MINUTES] [--url URL] [--key KEY]

        Submits a document for a link report: POST {url}/api/link-reports?filename=NAME, the file streamed
        as the body. The host finds its links, checks them politely, looks up archived copies of the
        broken ones and writes the report. This command then follows the report's progress (on stderr)
        and prints its summary by status and where to download it (on stdout).

        Options:
          --kind KIND        html, wxr, markdown or text. Default: the host tells from the content
          --base URL         the document's own URL, for its relative links
          --timeout MINUTES  how long to wait for the report, 0 to submit only. Default: 30
          --url URL          the host. Default: $SERVERLESS_URL, else http://127.0.0.1:7071
          --key KEY          a function, host or master key. Default: $SERVERLESS_KEY
          -h, --help         show this help

        Output:
          stdout  "report ID", then when it is done: documents, links, one line per status
                  (broken, server-error, timeout, tls-error, blocked, rate-limited, skipped,
                  redirected, ok), dead, archived, and the API paths of report.json, .csv and .html
          stderr  "STATE: N of M URLs checked" as it changes

        Exit codes:
          0    the report is done (whatever its links' statuses), or submitted with --timeout 0
          1    the host was unreachable or failed, or the report was not done in time
          2    the host refused the document (4xx) or could not read it (report failed)
          64   usage error: not exactly one FILE, bad option
          130  cancelled with Ctrl+C

        """;
}
