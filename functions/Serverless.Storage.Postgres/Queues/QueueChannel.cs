using System.Security.Cryptography;
using System.Text;

namespace Serverless.Storage.Postgres.Queues;

/// <summary>
/// The LISTEN/NOTIFY channel of a queue: <c>queue_</c> + the MD5 of the name in hex, as the SQL function
/// <c>serverless_queue_channel</c> of migration <c>0002_queue</c> computes it. Hashing keeps any queue name
/// within the 63-byte identifier limit and out of SQL text.
/// </summary>
internal static class QueueChannel
{
    public static string For(string queue)
    {
        // PostgreSQL's md5(text) hashes the text in the database encoding, UTF-8 here.
        Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
#pragma warning disable CA5351 // MD5 names a channel; nothing depends on it being hard to invert.
        MD5.HashData(Encoding.UTF8.GetBytes(queue), hash);
#pragma warning restore CA5351
        return "queue_" + Convert.ToHexStringLower(hash);
    }
}
