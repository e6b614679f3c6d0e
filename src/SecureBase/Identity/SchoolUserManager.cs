using Microsoft.AspNetCore.Identity;

namespace SecureBase.Identity;

/// <summary>
/// Identity's user manager with lockout measured on the application's clock (<see cref="TimeProvider"/>)
/// rather than the machine's, like every other rule in SecureBase: 5 wrong attempts lock the account for 15 minutes.
/// </summary>
public sealed class SchoolUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    TimeProvider clock)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        if (!await GetLockoutEnabledAsync(user))
        {
            return false;
        }

        var end = await GetLockoutEndDateAsync(user);
        return end is not null && end.Value > clock.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ThrowIfDisposed();
        var lockout = (IUserLockoutStore<AppUser>)Store;
        var count = await lockout.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count < Options.Lockout.MaxFailedAccessAttempts)
        {
            return await UpdateUserAsync(user);
        }

        await lockout.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
        await lockout.ResetAccessFailedCountAsync(user, CancellationToken);
        return await UpdateUserAsync(user);
    }
}
