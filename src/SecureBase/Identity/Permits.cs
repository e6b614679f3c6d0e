using Microsoft.AspNetCore.Authorization;

namespace SecureBase.Identity;

/// <summary>
/// Declares the action a page or endpoint performs, checked against <see cref="PolicyTable"/> by
/// the framework before the handler runs. A page that changes something can name a different
/// action for its POST handlers: <c>[Permits(SchoolAction.ViewUsers, OnPost = SchoolAction.ManageUsers)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class PermitsAttribute(SchoolAction action) : Attribute, IAuthorizationRequirementData
{
    public SchoolAction Action { get; } = action;

    /// <summary>The action for POST, PUT, PATCH and DELETE, when it differs from <see cref="Action"/>.</summary>
    public SchoolAction OnPost { get => _onPost ?? Action; init => _onPost = value; }

    private readonly SchoolAction? _onPost;

    public SchoolAction ActionFor(string httpMethod) =>
        HttpMethods.IsGet(httpMethod) || HttpMethods.IsHead(httpMethod) || HttpMethods.IsOptions(httpMethod) ? Action : OnPost;

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new PolicyTableRequirement(this)];
}

internal sealed record PolicyTableRequirement(PermitsAttribute Permits) : IAuthorizationRequirement;

/// <summary>The one place the policy table is enforced for every request.</summary>
internal sealed class PolicyTableHandler : AuthorizationHandler<PolicyTableRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PolicyTableRequirement requirement)
    {
        if (context.Resource is HttpContext http && context.User.Identity?.IsAuthenticated == true)
        {
            var user = http.RequestServices.GetRequiredService<CurrentUser>();
            var action = requirement.Permits.ActionFor(http.Request.Method);
            if (user.Can(action))
            {
                context.Succeed(requirement);
            }
        }

        return Task.CompletedTask;
    }
}

public static class PermitsEndpointExtensions
{
    /// <summary>Declares the policy-table action of a minimal API endpoint or group.</summary>
    public static TBuilder Permits<TBuilder>(this TBuilder builder, SchoolAction action, SchoolAction? onPost = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(onPost is null ? new PermitsAttribute(action) : new PermitsAttribute(action) { OnPost = onPost.Value });
}
