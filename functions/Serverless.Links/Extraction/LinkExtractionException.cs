namespace Serverless.Links.Extraction;

/// <summary>The document cannot be read as the kind it claims (malformed XML, a DTD, too deep...). The message is for the user.</summary>
public sealed class LinkExtractionException(string message, Exception? inner = null) : Exception(message, inner);
