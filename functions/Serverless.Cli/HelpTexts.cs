namespace Serverless.Cli;

/// <summary>
/// Every <c>--help</c> text, kept together so they read alike and the documented exit codes and
/// defaults sit next to each other. Raw strings: what is here is what the user sees.
/// </summary>
internal static class HelpTexts
{
    public const string Main = """
        serverless: parse procurement notices, ingest them into a running host, enqueue messages.

        Usage:
          serverless parse FILE...                    parse notice files locally, print tender records as JSON
          serverless ingest PATH... [options]         send notice files or folders to a running host
          serverless enqueue QUEUE JSON [options]     put a JSON message on one of the host's queues

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
}
