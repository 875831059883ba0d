using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// The browser sessions open on this node. A dashboard exchanges its API key (kept in the tab's
/// sessionStorage) for a random session token, set as an HttpOnly, SameSite=Strict cookie, so a
/// browser's <c>EventSource</c> can follow the live feed without the key ever being in a URL.
/// Sessions last <see cref="AuthOptions.SessionLifetime"/>, are kept in memory by the SHA-256 of
/// their token (a node restart signs browsers out; the page signs in again with its key) and end
/// with their key's revocation. A key holds at most <see cref="MaxPerKey"/> sessions: opening one
/// more ends its oldest, so a key signing in over and over cannot fill the node's memory.
/// </summary>
public sealed class BrowserSessions(TimeProvider time, IOptions<AuthOptions> options)
{
    public const string CookieName = "ut_session";
    public const string CsrfHeader = "X-CSRF-Token";

    /// <summary>The sessions one key may hold at once (tabs and devices of the people sharing it).</summary>
    public const int MaxPerKey = 32;

    /// <summary>Presented tokens longer than this are refused unread (ours are 43 characters).</summary>
    private const int MaxTokenLength = 64;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, BrowserSession> _byTokenHash = new(StringComparer.Ordinal);

    /// <summary>Per key id, the token hashes of its sessions, oldest first (some may have ended already).</summary>
    private readonly ConcurrentDictionary<string, Queue<string>> _byKey = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public TimeSpan Lifetime => options.Value.SessionLifetime;

    /// <returns>The new session and its token, the cookie's value: shown to the browser only.</returns>
    public (string Token, BrowserSession Session) Open(ApiKeyIdentity identity)
    {
        var now = time.GetUtcNow();
        SweepExpired(now);
        var token = NewSecret();
        var session = new BrowserSession(identity, NewSecret(), now + Lifetime);
        var hash = HashOf(token);
        _byTokenHash[hash] = session;
        var ofKey = _byKey.GetOrAdd(identity.KeyId, _ => new Queue<string>());
        lock (ofKey)
        {
            ofKey.Enqueue(hash);
            while (ofKey.Count > MaxPerKey)
            {
                _byTokenHash.TryRemove(ofKey.Dequeue(), out _);
            }
        }

        return (token, session);
    }

    /// <returns>The session the token opens, or null when it is unknown or has expired.</returns>
    public BrowserSession? Find(string token)
    {
        if (token.Length is 0 or > MaxTokenLength || !_byTokenHash.TryGetValue(HashOf(token), out var session))
        {
            return null;
        }

        if (session.ExpiresAt > time.GetUtcNow())
        {
            return session;
        }

        End(token);
        return null;
    }

    public void End(string token)
    {
        if (token.Length is > 0 and <= MaxTokenLength)
        {
            _byTokenHash.TryRemove(HashOf(token), out _);
        }
    }

    /// <summary>Whether <paramref name="presented"/> is the session's CSRF token (compared in constant time).</summary>
    public static bool IsCsrfToken(BrowserSession session, string? presented) =>
        presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(session.CsrfToken));

    private void SweepExpired(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var (hash, session) in _byTokenHash)
        {
            if (session.ExpiresAt <= now)
            {
                _byTokenHash.TryRemove(hash, out _);
            }
        }

        foreach (var (keyId, ofKey) in _byKey)
        {
            lock (ofKey)
            {
                var open = ofKey.Where(_byTokenHash.ContainsKey).ToList();
                ofKey.Clear();
                open.ForEach(ofKey.Enqueue);
                if (ofKey.Count == 0)
                {
                    _byKey.TryRemove(keyId, out _);
                }
            }
        }
    }

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
