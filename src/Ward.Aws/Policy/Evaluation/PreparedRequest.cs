using Ward.Aws.Policy.Matching;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>A request with the parts every statement needs computed once: lower-case action, parsed ARN.</summary>
internal readonly record struct PreparedRequest(AwsPrincipal Principal, string ActionLower, string Resource, Arn? ResourceArn, RequestContext Context)
{
    public static PreparedRequest From(AwsRequest request) => new(
        request.Principal,
        request.Action.ToLowerInvariant(),
        request.Resource,
        Arn.TryParse(request.Resource, out var arn) ? arn : null,
        request.Context);
}
