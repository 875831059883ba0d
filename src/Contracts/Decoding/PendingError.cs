using UrbanTwin.Contracts.Errors;

namespace UrbanTwin.Contracts.Decoding;

/// <summary>
/// The first problem found in a reading, by its field's path segment; later ones are ignored, as
/// the contract reports one problem per reading.
/// </summary>
internal struct PendingError
{
    public ErrorCode Code;
    public string? PathSegment;
    public string? Message;

    public readonly bool IsSet => Message is not null;

    public void Set(ErrorCode code, string? pathSegment, string message)
    {
        if (Message is null)
        {
            Code = code;
            PathSegment = pathSegment;
            Message = message;
        }
    }
}
