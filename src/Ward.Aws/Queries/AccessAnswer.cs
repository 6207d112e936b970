using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;

namespace Ward.Aws.Queries;

/// <summary>A decision for one principal, action and resource, with the request it was made for.</summary>
public sealed record AccessAnswer(AwsPrincipal Principal, string Action, string Resource, Decision Decision);
