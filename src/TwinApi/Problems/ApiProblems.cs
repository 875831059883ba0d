namespace UrbanTwin.TwinApi.Problems;

/// <summary>The catalogue of <see cref="ApiProblem"/>s; <c>docs/api.md</c> lists each one (a test checks).</summary>
public static class ApiProblems
{
    public static readonly ApiProblem BadRequest = new("bad-request", "The request is malformed", 400);
    public static readonly ApiProblem InvalidAsset = new("invalid-asset", "The asset is invalid", 400);
    public static readonly ApiProblem InvalidImport = new("invalid-import", "The import has invalid rows; nothing was imported", 400);
    public static readonly ApiProblem BadBbox = new("bad-bbox", "The bounding box is invalid", 400);
    public static readonly ApiProblem BadPoint = new("bad-point", "The point is invalid", 400);
    public static readonly ApiProblem RadiusTooLarge = new("radius-too-large", "The radius is out of range", 400);
    public static readonly ApiProblem BadGeometry = new("bad-geometry", "The geometry is invalid", 400);
    public static readonly ApiProblem QueryTooLarge = new("query-too-large", "The query covers too large an area", 400);
    public static readonly ApiProblem BadQuery = new("bad-query", "The query parameters are invalid", 400);
    public static readonly ApiProblem BadCursor = new("bad-cursor", "The paging cursor is invalid", 400);
    public static readonly ApiProblem BadTimeRange = new("bad-time-range", "The time range is invalid", 400);
    public static readonly ApiProblem TimeRangeTooLarge = new("time-range-too-large", "The time range holds too many points or windows", 400);
    public static readonly ApiProblem UnknownField = new("unknown-field", "The field does not exist for this kind", 400);
    public static readonly ApiProblem InvalidArea = new("invalid-area", "The area is invalid", 400);
    public static readonly ApiProblem InvalidKey = new("invalid-key", "The API key request is invalid", 400);
    public static readonly ApiProblem KeyInUrl = new("key-in-url", "An API key was sent in the URL", 400);
    public static readonly ApiProblem Unauthenticated = new("unauthenticated", "A valid API key is required", 401);
    public static readonly ApiProblem Forbidden = new("forbidden", "The API key's role does not allow this", 403);
    public static readonly ApiProblem CsrfFailed = new("csrf-failed", "The request lacks its session's CSRF token", 403);
    public static readonly ApiProblem OutOfScope = new("out-of-scope", "The API key's areas do not include this place", 403);
    public static readonly ApiProblem NotFound = new("not-found", "No such resource", 404);
    public static readonly ApiProblem AssetNotFound = new("asset-not-found", "No such asset", 404);
    public static readonly ApiProblem AreaNotFound = new("area-not-found", "No such area", 404);
    public static readonly ApiProblem KeyNotFound = new("key-not-found", "No such API key", 404);
    public static readonly ApiProblem MethodNotAllowed = new("method-not-allowed", "The method is not allowed on this resource", 405);
    public static readonly ApiProblem NotAcceptable = new("not-acceptable", "The requested representation is not available", 406);
    public static readonly ApiProblem AssetExists = new("asset-exists", "The asset already exists", 409);
    public static readonly ApiProblem DeviceInUse = new("device-in-use", "The device is bound to another asset", 409);
    public static readonly ApiProblem AssetDecommissioned = new("asset-decommissioned", "The asset is decommissioned", 409);
    public static readonly ApiProblem AreaExists = new("area-exists", "The area already exists", 409);
    public static readonly ApiProblem BodyTooLarge = new("body-too-large", "The request body is too large", 413);
    public static readonly ApiProblem UriTooLong = new("uri-too-long", "The request target is too long", 414);
    public static readonly ApiProblem UnsupportedMediaType = new("unsupported-media-type", "The request body's media type is not supported", 415);
    public static readonly ApiProblem RateLimited = new("rate-limited", "Too many requests from this client", 429);
    public static readonly ApiProblem HeadersTooLarge = new("headers-too-large", "The request's header fields are too large", 431);
    public static readonly ApiProblem InternalError = new("internal-error", "The server failed to answer", 500);
    public static readonly ApiProblem Unavailable = new("unavailable", "A dependency is unavailable", 503);

    public static IReadOnlyList<ApiProblem> All { get; } =
        [.. typeof(ApiProblems).GetFields().Where(f => f.FieldType == typeof(ApiProblem)).Select(f => (ApiProblem)f.GetValue(null)!)];

    /// <summary>The problem the framework itself answers with for a bare status code.</summary>
    public static ApiProblem? ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        406 => NotAcceptable,
        413 => BodyTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        500 => InternalError,
        503 => Unavailable,
        _ => null,
    };
}
