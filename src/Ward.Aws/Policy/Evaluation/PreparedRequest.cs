using System.Collections.Concurrent;
using Ward.Aws.Policy.Matching;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>A request with the parts every statement needs computed once: lower-case action, parsed ARN.</summary>
internal readonly record struct PreparedRequest(AwsPrincipal Principal, string ActionLower, string Resource, Arn? ResourceArn, RequestContext Context)
{
    private const int LowerCaseLimit = 100_000;

    // Analyses ask about the same few thousand actions millions of times: lower each once.
    private static readonly ConcurrentDictionary<string, string> LowerCase = new(StringComparer.Ordinal);

    public static PreparedRequest From(AwsRequest request) => new(
        request.Principal,
        Lower(request.Action),
        request.Resource,
        Arn.TryParse(request.Resource, out var arn) ? arn : null,
        request.Context);

    private static string Lower(string action)
    {
        if (LowerCase.TryGetValue(action, out var lower))
        {
            return lower;
        }

        lower = action.ToLowerInvariant();
        return LowerCase.Count < LowerCaseLimit ? LowerCase.GetOrAdd(action, lower) : lower;
    }
}
