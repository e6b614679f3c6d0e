using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    internal DbSet<ClassroomStrategy> ClassroomStrategies => Set<ClassroomStrategy>();
    internal DbSet<GoalReviewRating> GoalReviewRatings => Set<GoalReviewRating>();
}
