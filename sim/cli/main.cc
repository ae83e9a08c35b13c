#include <iostream>
int main() { std::cout << "inboxsim\n"; return 0; }
