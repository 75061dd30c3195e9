#!/usr/bin/env python
from canbo.__main__ import main

if __name__ == "__main__":
    main()
