namespace Serverless.Links.Ports;

/// <summary>The two methods a link check uses.</summary>
public enum LinkMethod
{
    /// <summary>Headers only: cheap for both sides, tried first.</summary>
    Head,

    /// <summary>Used when HEAD is refused or its answer is not believed; only the start of the body is read.</summary>
    Get,
}
