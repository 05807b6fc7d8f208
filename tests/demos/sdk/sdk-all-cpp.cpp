// sdk-all-cpp.cpp - sdk-all.c as C++: the header must build as both.
#include "sdk-all.c"
