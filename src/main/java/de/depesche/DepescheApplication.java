package de.depesche;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "site")
public class DepescheApplication {

    public static void main(String[] args) {
        SpringApplication.run(DepescheApplication.class, args);
    }
}
