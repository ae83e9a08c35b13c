#include "sim/profile/evaluate.h"

#include <gtest/gtest.h>

namespace inboxsim::profile {
namespace {

Profile MakeProfile() {
  Profile profile;
  profile.junk_threshold = 5;
  profile.reject_threshold = 10;
  profile.rules = {{0, 2.5}, {1, 3.0}, {2, 6.0}, {3, -1.0}};
  return profile;
}

scan::HitSet Hits(std::initializer_list<uint32_t> ids) {
  scan::HitSet hits(4);
  for (uint32_t id : ids) hits.Set(id);
  return hits;
}

TEST(Evaluate, SumsScoresOfRulesThatHit) {
  const Profile profile = MakeProfile();
  EXPECT_EQ(Evaluate(profile, Hits({})).score, 0);
  EXPECT_EQ(Evaluate(profile, Hits({0, 1})).score, 5.5);
  EXPECT_EQ(Evaluate(profile, Hits({0, 3})).score,
            1.5);  // negative scores subtract
}

TEST(Evaluate, ThresholdsAreInclusive) {
  const Profile profile = MakeProfile();
  EXPECT_EQ(ActionForScore(profile, 4.99), Action::kInbox);
  EXPECT_EQ(ActionForScore(profile, 5.0), Action::kJunk);
  EXPECT_EQ(ActionForScore(profile, 9.99), Action::kJunk);
  EXPECT_EQ(ActionForScore(profile, 10.0), Action::kReject);
  EXPECT_EQ(Evaluate(profile, Hits({0, 1})).action, Action::kJunk);
  EXPECT_EQ(Evaluate(profile, Hits({0, 1, 2})).action, Action::kReject);
  EXPECT_EQ(Evaluate(profile, Hits({2, 3})).action, Action::kJunk);
}

TEST(FiredRules, ListsTheProfilesRulesThatHitInOrder) {
  EXPECT_EQ(FiredRules(MakeProfile(), Hits({3, 1})),
            (std::vector<size_t>{1, 3}));
  EXPECT_TRUE(FiredRules(MakeProfile(), Hits({})).empty());
}

}  // namespace
}  // namespace inboxsim::profile
