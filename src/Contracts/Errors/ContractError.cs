namespace UrbanTwin.Contracts.Errors;

/// <summary>
/// One rejection, as sent to the device: the code, the JSON path into the payload (<c>$</c> for the
/// whole message), the rejected reading's <c>seq</c> when it could be read, and a message for people.
/// </summary>
public sealed record ContractError(ErrorCode Code, string Path, uint? Seq, string Message);
