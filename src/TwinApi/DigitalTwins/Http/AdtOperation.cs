namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary>
/// Marks a twin API endpoint for the OpenAPI document: the error codes it answers with, by status,
/// which the document declares in the twin API's error shape rather than as problem details.
/// </summary>
public sealed record AdtOperation(IReadOnlyDictionary<int, string[]> Errors);
