using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Orleans;
using UrbanTwin.Grains.Abstractions.Access;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// Validates presented API keys, and issues and revokes them in the key store
/// (<see cref="IApiKeyStoreGrain"/>). Validation reads this node's copy of the store
/// (<see cref="ApiKeyCache"/>): one look-up by key id, a SHA-256 of the presented key and a
/// constant-time comparison, no grain call. The copy is replaced after every change made through
/// this node, so a key revoked here is refused at once, and whenever the store's version moves
/// (<see cref="ApiKeyRefresh"/> polls it), so a change made on another node applies within
/// <see cref="AuthOptions.KeyRefreshInterval"/>. A well-formed key id the copy does not know
/// refreshes it early, at most once per <see cref="UnknownKeyRefreshSpacing"/>, so a key created on
/// another node works here at once while a flood of made-up keys costs one store read a second.
/// </summary>
public sealed partial class ApiKeyRegistry
{
    /// <summary>The key id of the key configured as <c>Auth:AdminKey</c>.</summary>
    public const string BootstrapAdminId = "admin";

    public static readonly TimeSpan UnknownKeyRefreshSpacing = TimeSpan.FromSeconds(1);

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly AccessMetrics _metrics;
    private readonly ILogger<ApiKeyRegistry> _logger;
    private readonly byte[]? _configuredAdminHash;
    private readonly ApiKeyIdentity _configuredAdmin = new(BootstrapAdminId, "configured admin key", AccessRoles.Admin, null);
    private readonly Lock _gate = new();
    private ApiKeyCache? _cache;
    private Task _refresh = Task.CompletedTask;
    private Task _unknownKeyRefresh = Task.CompletedTask;
    private long _unknownKeyRefreshStarted;

    public ApiKeyRegistry(IGrainFactory grains, IOptions<AuthOptions> options, TimeProvider time, AccessMetrics metrics, ILogger<ApiKeyRegistry> logger)
    {
        _grains = grains;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _configuredAdminHash = options.Value.AdminKey is { Length: > 0 } key ? ApiKeySecrets.Hash(key) : null;
    }

    private IApiKeyStoreGrain Store => _grains.GetGrain<IApiKeyStoreGrain>(IApiKeyStoreGrain.Key);

    /// <returns>Who the key speaks for, or null when it is unknown, malformed or revoked.</returns>
    public ValueTask<ApiKeyIdentity?> ValidateAsync(string presented)
    {
        var check = Check(presented, out var identity);
        if (check == KeyCheck.Answered)
        {
            return ValueTask.FromResult(identity);
        }

        var refresh = check == KeyCheck.NoCopyYet ? RefreshAsync() : RefreshForUnknownKey();
        if (refresh is null)
        {
            _metrics.Refused("unknown");
            return ValueTask.FromResult<ApiKeyIdentity?>(null);
        }

        return ValidateAfterAsync(refresh, presented);
    }

    /// <summary>
    /// Brings this node's copy up to the key store's version: one version read when nothing
    /// changed. Concurrent callers share one refresh.
    /// </summary>
    public Task RefreshAsync()
    {
        lock (_gate)
        {
            if (_refresh.IsCompleted)
            {
                _refresh = Task.Run(RefreshFromStoreAsync);
            }

            return _refresh;
        }
    }

    /// <summary>Issues a key: the key itself is in the result and nowhere else, the store keeps its hash.</summary>
    public async Task<(ApiKeyRecord Record, string Key)> IssueAsync(string name, string role, IReadOnlyList<string>? areas, ClaimsPrincipal by)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (record, key) = NewKey(name, role, areas, by);
            if (await Store.AddAsync(record))
            {
                await ReloadAsync();
                return (record, key);
            }
        }

        throw new InvalidOperationException("three random key ids in a row were taken");
    }

    /// <summary>Makes the first admin key unless one was ever made, by this node or another.</summary>
    /// <returns>The new key, or null when the store already had its first admin key.</returns>
    public async Task<(ApiKeyRecord Record, string Key)?> BootstrapAdminAsync(ClaimsPrincipal by)
    {
        var (record, key) = NewKey("first admin key", AccessRoles.Admin, null, by);
        if (!await Store.BootstrapAdminAsync(record))
        {
            return null;
        }

        await ReloadAsync();
        return (record, key);
    }

    /// <returns>The key as revoked (it may have been revoked before), or null when there is no such key.</returns>
    public async Task<ApiKeyRecord?> RevokeAsync(string keyId, ClaimsPrincipal by)
    {
        var revoked = await Store.RevokeAsync(keyId, _time.GetUtcNow(), by.Actor());
        if (revoked is not null)
        {
            await ReloadAsync();
        }

        return revoked;
    }

    public Task<ApiKeyRecord?> FindAsync(string keyId) => Store.GetAsync(keyId);

    /// <summary>
    /// Whether the key with this id is still valid on this node's copy: a browser session opened
    /// with a key ends when the key is revoked (here at once, elsewhere within the refresh interval).
    /// </summary>
    public bool IsActive(string keyId) =>
        keyId == BootstrapAdminId ? _configuredAdminHash is not null : Volatile.Read(ref _cache)?.Find(keyId) is { Revoked: false };

    /// <summary>Every key, revoked ones included, oldest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync()
    {
        var snapshot = await Store.GetSnapshotAsync();
        Apply(snapshot);
        return snapshot.Keys;
    }

    private (ApiKeyRecord Record, string Key) NewKey(string name, string role, IReadOnlyList<string>? areas, ClaimsPrincipal by)
    {
        var keyId = ApiKeySecrets.NewKeyId();
        var key = ApiKeySecrets.NewKey(keyId);
        return (new ApiKeyRecord(keyId, name, role, areas, ApiKeySecrets.Hash(key), _time.GetUtcNow(), by.Actor()), key);
    }

    private KeyCheck Check(string presented, out ApiKeyIdentity? identity)
    {
        identity = null;
        if (presented.Length > ApiKeySecrets.MaxLength)
        {
            _metrics.Refused("malformed");
            return KeyCheck.Answered;
        }

        Span<byte> hash = stackalloc byte[ApiKeySecrets.HashLength];
        ApiKeySecrets.Hash(presented, hash);
        if (_configuredAdminHash is not null && CryptographicOperations.FixedTimeEquals(hash, _configuredAdminHash))
        {
            identity = _configuredAdmin;
            return KeyCheck.Answered;
        }

        if (!ApiKeySecrets.TryReadKeyId(presented, out var keyId))
        {
            _metrics.Refused("malformed");
            return KeyCheck.Answered;
        }

        var cache = Volatile.Read(ref _cache);
        if (cache is null)
        {
            return KeyCheck.NoCopyYet;
        }

        if (cache.Find(keyId) is not { } entry)
        {
            return KeyCheck.UnknownKeyId;
        }

        if (!CryptographicOperations.FixedTimeEquals(hash, entry.Hash))
        {
            _metrics.Refused("wrong-secret");
        }
        else if (entry.Revoked)
        {
            _metrics.Refused("revoked");
        }
        else
        {
            identity = entry.Identity;
        }

        return KeyCheck.Answered;
    }

    /// <summary>
    /// A refresh for a key id this node's copy does not know: shared by the requests that miss
    /// while it runs, and started at most once per <see cref="UnknownKeyRefreshSpacing"/>.
    /// Separate from the periodic refresh, whose version read may predate the key.
    /// </summary>
    /// <returns>The refresh to wait for, or null when the last one is too recent: the key is unknown.</returns>
    private Task? RefreshForUnknownKey()
    {
        lock (_gate)
        {
            if (!_unknownKeyRefresh.IsCompleted)
            {
                return _unknownKeyRefresh;
            }

            if (_unknownKeyRefreshStarted != 0 && _time.GetElapsedTime(_unknownKeyRefreshStarted) < UnknownKeyRefreshSpacing)
            {
                return null;
            }

            _unknownKeyRefreshStarted = _time.GetTimestamp();
            return _unknownKeyRefresh = Task.Run(RefreshFromStoreAsync);
        }
    }

    private async ValueTask<ApiKeyIdentity?> ValidateAfterAsync(Task refresh, string presented)
    {
        try
        {
            await refresh;
        }
        catch (Exception ex) when (Volatile.Read(ref _cache) is not null)
        {
            // The last copy still answers; only a key made very recently elsewhere is refused for now.
            _metrics.RefreshFailed();
            Log.RefreshFailed(_logger, ex);
        }

        if (Check(presented, out var identity) != KeyCheck.Answered)
        {
            _metrics.Refused("unknown");
        }

        return identity;
    }

    private async Task RefreshFromStoreAsync()
    {
        if (Volatile.Read(ref _cache)?.Version != await Store.GetVersionAsync())
        {
            Apply(await Store.GetSnapshotAsync());
        }
    }

    /// <summary>After a change through this node: the copy must hold it before the change is acknowledged.</summary>
    private async Task ReloadAsync() => Apply(await Store.GetSnapshotAsync());

    private void Apply(ApiKeySnapshot snapshot)
    {
        lock (_gate)
        {
            // A slower read finishing last must not put back an older copy.
            if (_cache is null || snapshot.Version > _cache.Version)
            {
                Volatile.Write(ref _cache, ApiKeyCache.From(snapshot));
            }
        }
    }

    private enum KeyCheck
    {
        /// <summary>Valid (an identity) or refused (none).</summary>
        Answered,

        /// <summary>The copy of the key store is not loaded yet.</summary>
        NoCopyYet,

        /// <summary>A well-formed key id the copy does not know.</summary>
        UnknownKeyId,
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not read the API key store; validating with this node's last copy")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
