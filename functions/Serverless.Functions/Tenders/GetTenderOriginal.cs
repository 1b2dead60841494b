using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Serverless.Functions.Http;
using Serverless.Tenders.Ports;

namespace Serverless.Functions.Tenders;

/// <summary>
/// <c>GET /api/tenders/{id}/original</c>: streams the stored notice file with its content type; honours a single
/// <c>Range: bytes=</c> range (206, or 416 when it cannot be satisfied).
/// </summary>
public sealed class GetTenderOriginal(ITenderStore tenders, IObjectStore objects)
{
    [Function(nameof(GetTenderOriginal))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenders/{id:guid}/original")] HttpRequestData request,
        Guid id,
        CancellationToken cancellationToken)
    {
        var document = (await tenders.GetAsync(id, cancellationToken))?.Documents.FirstOrDefault();
        var info = document is null ? null : await objects.StatAsync(document.ObjectKey, cancellationToken);
        if (document is null || info is null)
        {
            return await request.CreateProblemAsync(HttpStatusCode.NotFound, "No such tender", $"There is no tender {id} or its original file.");
        }

        var rangeHeader = request.Headers.TryGetValues("Range", out var values) ? values.FirstOrDefault() : null;
        var range = ByteRanges.Parse(rangeHeader, info.Size);
        if (range is ByteRanges.Result.Unsatisfiable)
        {
            var refused = await request.CreateProblemAsync(HttpStatusCode.RequestedRangeNotSatisfiable, "Range not satisfiable", $"The file has {info.Size} bytes.");
            refused.Headers.Add("Content-Range", $"bytes */{info.Size}");
            return refused;
        }

        var slice = (range as ByteRanges.Result.Slice)?.Range;
        var content = await objects.OpenReadAsync(document.ObjectKey, slice, cancellationToken);
        if (content is null)
        {
            return await request.CreateProblemAsync(HttpStatusCode.NotFound, "No such tender", $"The original file of tender {id} is gone.");
        }

        var response = request.CreateResponse(slice is null ? HttpStatusCode.OK : HttpStatusCode.PartialContent);
        response.Headers.Add("Content-Type", info.ContentType);
        response.Headers.Add("Accept-Ranges", "bytes");
        response.Headers.Add("ETag", $"\"{document.Sha256}\"");
        if (document.FileName is { } name)
        {
            response.Headers.Add("Content-Disposition", new System.Net.Mime.ContentDisposition { FileName = name, Inline = true }.ToString());
        }

        var length = info.Size;
        if (slice is not null)
        {
            var to = slice.To ?? info.Size - 1;
            length = to - slice.From + 1;
            response.Headers.Add("Content-Range", $"bytes {slice.From}-{to}/{info.Size}");
        }

        response.Headers.Add("Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The host copies this stream to the socket after the function returns: nothing is buffered.
        response.Body = content;
        return response;
    }
}
