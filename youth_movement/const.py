"""Names the models share. Plain Python."""

# the movement's staff: the lowest of its groups, implied by every higher one
STAFF = "youth_movement.youth_movement_group_school_leader"
