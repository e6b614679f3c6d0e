using SecureBase.Common;

namespace SecureBase.Data;

/// <summary>
/// A record that belongs to one school. Every query of such records is filtered to the signed-in
/// user's school by <see cref="SecureBaseDb"/>; saving one for another school is refused.
/// </summary>
public interface ISchoolOwned
{
    SchoolId SchoolId { get; }
}

/// <summary>
/// The school the current request (or command) works in. Set once per request from the signed-in
/// user's chosen school, before any query runs. <see cref="SchoolId.None"/> matches no record.
/// </summary>
public sealed class SchoolContext
{
    public SchoolId SchoolId { get; private set; }

    public void Enter(SchoolId school)
    {
        if (SchoolId != SchoolId.None && SchoolId != school)
        {
            throw new InvalidOperationException("A request cannot change school part-way through.");
        }

        SchoolId = school;
    }

    /// <summary>For commands and the demo seeder that deliberately work through several schools in turn.</summary>
    public void Switch(SchoolId school) => SchoolId = school;
}
