namespace Serverless.Testing.Wayback;

public enum SaveBehaviourKind
{
    Succeed,
    FailJob,
    Refuse,
    RefuseWithMessage,
    TooManyRequests,
}
