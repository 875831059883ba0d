namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary>The errors the twin API answers with, by the codes Azure Digital Twins uses (docs/adt.md lists them).</summary>
public static class AdtErrors
{
    public static AdtError InvalidArgument(string message) => new(400, "InvalidArgument", message);

    public static AdtError MissingApiVersion() =>
        new(400, "MissingApiVersionParameter", $"The api-version query parameter is required; supported: {string.Join(", ", ApiVersions.Supported)}.");

    public static AdtError UnsupportedApiVersion(string version) =>
        new(400, "UnsupportedApiVersion", $"The api-version '{version}' is not supported; supported: {string.Join(", ", ApiVersions.Supported)}.");

    public static AdtError ValidationFailed(string message) => new(400, "ValidationFailed", message);

    public static AdtError DtdlParserError(IEnumerable<string> problems) =>
        new(400, "DTDLParserError", "The models are not valid DTDL: " + string.Join("; ", problems.Take(20)));

    public static AdtError JsonPatchInvalid(string message) => new(400, "JsonPatchInvalid", message);

    public static AdtError ModelDecommissioned(string id) => new(400, "ModelDecommissioned", $"The model {id} is decommissioned: no new twin may use it.");

    public static AdtError OperationNotAllowed(string message) => new(400, "OperationNotAllowed", message);

    public static AdtError RelationshipsNotDeleted(string id) =>
        new(400, "RelationshipsNotDeleted", $"The digital twin {id} still has relationships; delete its incoming and outgoing relationships first.");

    public static AdtError SqlQueryError(string message) => new(400, "SqlQueryError", message);

    public static AdtError InvalidContinuationToken() => new(400, "BadRequest", "The continuation token is invalid.");

    public static AdtError TwinNotFound(string id) =>
        new(404, "DigitalTwinNotFound", $"There is no digital twin instance that exists with the ID {id}. Please verify that the twin id is valid and ensure that the twin is not deleted.");

    public static AdtError ModelNotFound(string id) =>
        new(404, "ModelNotFound", $"There is no Model(s) available that matches the provided id(s) {id}. Check that the Model ID provided is valid.");

    public static AdtError RelationshipNotFound(string twinId, string relationshipId) =>
        new(404, "RelationshipNotFound", $"There is no relationship with the ID {relationshipId} on the digital twin {twinId}.");

    public static AdtError TargetTwinNotFound(string id) => new(404, "TargetTwinNotFound", $"The target twin {id} does not exist.");

    public static AdtError ComponentNotFound(string twinId, string component) =>
        new(404, "ComponentNotFound", $"The digital twin {twinId} has no component {component}.");

    public static AdtError ModelIdAlreadyExists(IEnumerable<string> ids) =>
        new(409, "ModelIdAlreadyExists", $"Some of the model ids already exist: {string.Join(", ", ids)}.");

    public static AdtError ModelReferencesNotDeleted(string id, IEnumerable<string> by) =>
        new(409, "ModelReferencesNotDeleted", $"The model {id} is referenced by {string.Join(", ", by)}; delete those first.");

    public static AdtError PreconditionFailed() => new(412, "PreconditionFailed", "The precondition (If-Match or If-None-Match) does not hold.");

    public static AdtError OutOfScope(string what) => new(403, "Forbidden", $"This API key's areas do not include {what}.");

    public static AdtError NotSupported(string what) => new(501, "NotSupported", $"{what} is not supported by this node (docs/adt.md).");
}
